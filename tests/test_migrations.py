"""The schema comes only from the migrations, and the database knows which ran."""

from alembic.script import ScriptDirectory
from sqlalchemy import text

from extensions import db


def test_the_database_is_at_the_single_head_revision(app):
    config = app.extensions["migrate"].migrate.get_config()
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"the migrations have several heads: {heads}"
    current = db.session.scalar(text("SELECT version_num FROM alembic_version"))
    assert current == heads[0]


def test_the_models_need_no_migration_the_migrations_lack(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "run `flask db migrate`: the models and the migrations differ"
