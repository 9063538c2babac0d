"""Accounts: PIN and password rules, hashing, throttled sign-in, sessions ended on reset."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from lms.models import Role, SignInFailure
from lms.services import accounts

NOW = datetime(2026, 5, 1, tzinfo=timezone.utc)


def signin(user_or_name, secret, now=NOW):
    name = getattr(user_or_name, "username", user_or_name)
    return accounts.authenticate(name, secret, now, max_failures=5, lock_seconds=60)


@pytest.mark.parametrize("pin,ok", [("1234", True), ("123456", True), ("123", False), ("1234567", False),
                                    ("12a4", False), ("", False)])
def test_a_learner_pin_has_four_to_six_digits(pin, ok, app):
    with app.test_request_context():
        if ok:
            accounts.validate_secret(Role.LEARNER, pin)
        else:
            with pytest.raises(accounts.AccountError):
                accounts.validate_secret(Role.LEARNER, pin)


def test_secrets_are_hashed_not_stored(make, db):
    user = make.user(Role.LEARNER, center=make.center(), secret="4321")
    assert "4321" not in user.secret_hash and user.secret_hash.startswith(("scrypt:", "pbkdf2:"))


def test_right_and_wrong_secrets(make, db, app):
    user = make.user(Role.TEACHER, center=make.center(), secret="long-password")
    with app.test_request_context():
        assert signin(user, "long-password").id == user.id
        with pytest.raises(accounts.SignInRefused):
            signin(user, "wrong-password")
        with pytest.raises(accounts.SignInRefused):
            signin("nobody", "whatever")


def test_repeated_failures_lock_the_account_for_longer_and_longer(make, db, app):
    user = make.user(Role.LEARNER, center=make.center(), secret="1234")
    with app.test_request_context():
        for n in range(5):
            with pytest.raises(accounts.SignInRefused):
                signin(user, f"000{n}")
        # Locked: even the right PIN is refused for now.
        with pytest.raises(accounts.SignInRefused) as refused:
            signin(user, "1234", NOW + timedelta(seconds=30))
        assert "30" in str(refused.value) or "31" in str(refused.value)
        assert signin(user, "1234", NOW + timedelta(seconds=61)).id == user.id
        later = NOW + timedelta(seconds=62)
        for n in range(5):
            with pytest.raises(accounts.SignInRefused):
                signin(user, f"999{n}", later)
        with pytest.raises(accounts.SignInRefused):  # one more wrong PIN once the minute is over
            signin(user, "9999", later + timedelta(seconds=61))
        db.session.refresh(user)
        assert user.locked_until - (later + timedelta(seconds=61)) == timedelta(seconds=120)


def test_changing_the_pin_ends_older_sessions(make, db, app):
    user = make.user(Role.LEARNER, center=make.center(), secret="1234")
    key = user.get_id()
    with app.test_request_context():
        accounts.set_secret(user, "5678")
    db.session.commit()
    assert user.get_id() != key
    from lms.auth import load_user
    assert load_user(key) is None and load_user(user.get_id()).id == user.id


def test_usernames_are_checked(make, db, app):
    make.user(Role.LEARNER, center=make.center(), username="hoa")
    with app.test_request_context():
        for bad in ("hoa", "Hoà", "a b", "x"):
            with pytest.raises(accounts.AccountError):
                accounts.create_user(username=bad, display_name="X", role=Role.LEARNER, secret="1234")


def test_many_failures_from_one_address_make_that_address_wait_whatever_the_account(make, db, app):
    center = make.center()
    people = [make.user(Role.LEARNER, center=center, secret="1234") for _ in range(3)]

    def attempt(user, secret, now, address="203.0.113.7"):
        return accounts.authenticate(user.username, secret, now, max_failures=5, lock_seconds=60,
                                     address=address, address_limit=(6, 900))

    with app.test_request_context():
        # Two wrong PINs on each of three accounts: no account is locked, but the address has failed six times.
        for n, user in enumerate(people * 2):
            with pytest.raises(accounts.SignInRefused):
                attempt(user, f"00{n:02d}", NOW + timedelta(seconds=n))
        with pytest.raises(accounts.SignInRefused) as refused:
            attempt(people[0], "1234", NOW + timedelta(seconds=10))  # even the right PIN waits
        assert "891 " in str(refused.value)  # the first failure (at 0 s) leaves the 900-s window at 900 s
        # Another address (another commune) is not affected, and neither is this one once the window has passed.
        assert attempt(people[1], "1234", NOW + timedelta(seconds=10), address="198.51.100.1").id == people[1].id
        assert attempt(people[2], "1234", NOW + timedelta(seconds=901)).id == people[2].id
        # Failures older than the window are forgotten, so the table stays small.
        with pytest.raises(accounts.SignInRefused):
            attempt(people[0], "0000", NOW + timedelta(seconds=2000))
        assert db.session.scalar(select(func.count(SignInFailure.id))) == 1


def test_an_unknown_username_counts_against_the_address_too(make, db, app):
    with app.test_request_context():
        for n in range(3):
            with pytest.raises(accounts.SignInRefused):
                accounts.authenticate(f"nobody{n}", "1234", NOW, max_failures=5, lock_seconds=60,
                                      address="203.0.113.9", address_limit=(3, 900))
        user = make.user(Role.LEARNER, center=make.center(), secret="1234")
        with pytest.raises(accounts.SignInRefused):
            accounts.authenticate(user.username, "1234", NOW, max_failures=5, lock_seconds=60,
                                  address="203.0.113.9", address_limit=(3, 900))
