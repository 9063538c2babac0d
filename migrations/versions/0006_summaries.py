"""summary tables for province-wide figures; indexes for a center's figures

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 15:00:00

Derived data, filled from the progress tables by this migration (and by `lms stats rebuild`).
"""
from alembic import op
import sqlalchemy as sa

import lms.models.base


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('learner_facts',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('center_id', sa.Integer(), nullable=True),
    sa.Column('first_enrolled_at', lms.models.base.UTCDateTime(), nullable=True),
    sa.Column('first_literacy1_at', lms.models.base.UTCDateTime(), nullable=True),
    sa.Column('first_literacy2_at', lms.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_learner_facts_center_id_centers')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_learner_facts_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_learner_facts'))
    )
    with op.batch_alter_table('learner_facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learner_facts_center_id'), ['center_id'], unique=False)

    op.create_table('center_days',
    sa.Column('center_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('enrolments', sa.Integer(), nullable=False),
    sa.Column('lessons_completed', sa.Integer(), nullable=False),
    sa.Column('courses_completed', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_center_days_center_id_centers')),
    sa.PrimaryKeyConstraint('center_id', 'day', name=op.f('pk_center_days'))
    )
    op.create_table('learner_days',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('center_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_learner_days_center_id_centers')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_learner_days_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'day', name=op.f('pk_learner_days'))
    )
    with op.batch_alter_table('learner_days', schema=None) as batch_op:
        batch_op.create_index('ix_learner_days_center_day', ['center_id', 'day'], unique=False)

    _fill()
    with op.batch_alter_table('lesson_progress', schema=None) as batch_op:
        batch_op.create_index('ix_lesson_progress_user_completed', ['user_id', 'completed_at'], unique=False)
    with op.batch_alter_table('quiz_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_quiz_attempts_user_finished', ['user_id', 'finished_at'], unique=False)


def _fill():
    """Fill the new tables from the progress already recorded (days in Vietnam time, UTC+7; after changing
    LMS_TIMEZONE run `lms stats rebuild`)."""
    sqlite = op.get_bind().dialect.name == "sqlite"

    def day(column):
        return f"date({column}, '+7 hours')" if sqlite else f"CAST(({column} + interval '7 hours') AS date)"

    learner = "u.role = 'learner' AND u.center_id IS NOT NULL"
    op.execute(f"""
        INSERT INTO learner_facts (user_id, center_id, first_enrolled_at, first_literacy1_at, first_literacy2_at)
        SELECT e.user_id, u.center_id, MIN(e.enrolled_at),
               MIN(CASE WHEN p.kind = 'literacy-1' THEN e.enrolled_at END),
               MIN(CASE WHEN p.kind = 'literacy-2' THEN e.enrolled_at END)
        FROM enrolments e JOIN courses c ON c.id = e.course_id JOIN programmes p ON p.id = c.programme_id
        JOIN users u ON u.id = e.user_id WHERE {learner} GROUP BY e.user_id, u.center_id""")
    op.execute(f"""
        INSERT INTO learner_days (user_id, day, center_id)
        SELECT DISTINCT e.user_id, {day('e.occurred_at')}, u.center_id
        FROM progress_events e JOIN users u ON u.id = e.user_id WHERE {learner}""")
    op.execute(f"""
        INSERT INTO center_days (center_id, day, enrolments, lessons_completed, courses_completed)
        SELECT center_id, day, SUM(a), SUM(b), SUM(c) FROM (
            SELECT u.center_id, {day('e.enrolled_at')} AS day, 1 AS a, 0 AS b, 0 AS c
            FROM enrolments e JOIN users u ON u.id = e.user_id WHERE {learner}
            UNION ALL
            SELECT u.center_id, {day('p.completed_at')}, 0, 1, 0
            FROM lesson_progress p JOIN users u ON u.id = p.user_id WHERE p.completed_at IS NOT NULL AND {learner}
            UNION ALL
            SELECT u.center_id, {day('k.completed_at')}, 0, 0, 1
            FROM course_completions k JOIN users u ON u.id = k.user_id WHERE {learner}
        ) counted GROUP BY center_id, day""")


def downgrade():
    with op.batch_alter_table('quiz_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_quiz_attempts_user_finished')
    with op.batch_alter_table('lesson_progress', schema=None) as batch_op:
        batch_op.drop_index('ix_lesson_progress_user_completed')
    with op.batch_alter_table('learner_days', schema=None) as batch_op:
        batch_op.drop_index('ix_learner_days_center_day')
    op.drop_table('learner_days')
    op.drop_table('center_days')
    with op.batch_alter_table('learner_facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learner_facts_center_id'))
    op.drop_table('learner_facts')
