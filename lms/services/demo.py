"""A demo center with one account per role, for trying the system on a laptop."""
from dataclasses import dataclass

from sqlalchemy import select

from lms.extensions import db
from lms.models import Center, Commune, Province, Role, User
from lms.services.accounts import create_user


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    username: str
    secret: str
    name: str
    sex: str | None = None
    birth_year: int | None = None
    ethnic_code: str | None = None


# Demo only: these sign-in details are printed and documented, never use them for real people.
DEMO_ACCOUNTS = (
    DemoAccount(Role.ADMIN, "quantri", "quantri-demo", "Quản trị hệ thống"),
    DemoAccount(Role.OFFICER, "canbo", "canbo-demo", "Cán bộ Sở Giáo dục"),
    DemoAccount(Role.MANAGER, "quanly", "quanly-demo", "Nguyễn Văn Quản", "M", 1975, "01"),
    DemoAccount(Role.TEACHER, "giaovien", "giaovien-demo", "Lò Thị Mai", "F", 1988, "03"),
    DemoAccount(Role.LEARNER, "hoa", "1234", "Giàng Thị Hoa", "F", 1990, "08"),
    DemoAccount(Role.LEARNER, "minh", "2345", "Hoàng Văn Minh", "M", 1982, "02"),
    DemoAccount(Role.LEARNER, "lan", "3456", "Trần Thị Lan", "F", 2001, "01"),
)


def ensure_demo() -> list[DemoAccount]:
    """Create the demo province, commune, center and accounts unless they exist; changes nothing on a second run."""
    province = db.session.scalar(select(Province).where(Province.code == "DEMO"))
    if province is None:
        province = Province(code="DEMO", name="Tỉnh Mẫu (dữ liệu thử)")
        db.session.add(province)
        db.session.flush()
    commune = db.session.scalar(select(Commune).where(Commune.code == "DEMO-01"))
    if commune is None:
        commune = Commune(code="DEMO-01", name="Xã Mẫu", province_id=province.id)
        db.session.add(commune)
        db.session.flush()
    center = db.session.scalar(select(Center).where(Center.code == "DEMO-01"))
    if center is None:
        center = Center(code="DEMO-01", name="Trung tâm học tập cộng đồng xã Mẫu", commune_id=commune.id)
        db.session.add(center)
        db.session.flush()
    for account in DEMO_ACCOUNTS:
        if db.session.scalar(select(User.id).where(User.username == account.username)):
            continue
        create_user(username=account.username, display_name=account.name, role=account.role, secret=account.secret,
                    center_id=None if account.role in (Role.ADMIN, Role.OFFICER) else center.id,
                    province_id=province.id if account.role is Role.OFFICER else None,
                    sex=account.sex, birth_year=account.birth_year, ethnic_code=account.ethnic_code)
    db.session.commit()
    return list(DEMO_ACCOUNTS)
