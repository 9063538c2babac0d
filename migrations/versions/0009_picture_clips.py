"""picture clips: a short recording of a picture's description, in drafts and in versions

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('draft_media', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audio_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_draft_media_audio_id_media_assets'), 'media_assets', ['audio_id'], ['id'])

    with op.batch_alter_table('version_media', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audio_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_version_media_audio_id_media_assets'), 'media_assets', ['audio_id'], ['id'])


def downgrade():
    with op.batch_alter_table('version_media', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_version_media_audio_id_media_assets'), type_='foreignkey')
        batch_op.drop_column('audio_id')

    with op.batch_alter_table('draft_media', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_draft_media_audio_id_media_assets'), type_='foreignkey')
        batch_op.drop_column('audio_id')
