"""search: documents for PostgreSQL full-text search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:00:00

On PostgreSQL only (SQLite deployments search with Whoosh): the `unaccent` extension, a schema `lms_search`
holding a text search configuration that folds accents, and the documents table with its GIN index. The
documents are derived data, outside the application's models; `lms search reindex` (or the first search)
fills them. `CREATE EXTENSION unaccent` needs the database owner on PostgreSQL 13 and later (it is a trusted
extension), a superuser before that: where the migration may not create it, create it beforehand.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE SCHEMA IF NOT EXISTS lms_search")
    # Words lose their accents and đ becomes d (unaccent), then are lower-cased (simple): "Xóa" → "xoa".
    op.execute("CREATE TEXT SEARCH CONFIGURATION lms_search.folded (COPY = pg_catalog.simple)")
    op.execute("ALTER TEXT SEARCH CONFIGURATION lms_search.folded "
               "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple")
    op.execute("""
        CREATE TABLE lms_search.documents (
            lesson_id integer PRIMARY KEY REFERENCES lessons (id) ON DELETE CASCADE,
            version_id integer NOT NULL,
            language varchar(10) NOT NULL,
            title text NOT NULL,
            body text NOT NULL,
            quiz text NOT NULL,
            meta text NOT NULL,
            folded tsvector NOT NULL,
            exact tsvector NOT NULL
        )""")
    op.execute("CREATE INDEX ix_documents_folded ON lms_search.documents USING gin (folded)")
    op.execute("CREATE INDEX ix_documents_exact ON lms_search.documents USING gin (exact)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP SCHEMA IF EXISTS lms_search CASCADE")  # unaccent stays: other databases' objects may use it
