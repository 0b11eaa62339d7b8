"""The schema comes only from the migrations, and the database knows which ran."""

import os

from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from app import create_app
from config import TestConfig
from extensions import db
from models import Application, Branch, Contractor
from operations.demo import load_demo_data


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
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": _not_search_index}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "run `flask db migrate`: the models and the migrations differ"


def _not_search_index(name, type_, parent_names) -> bool:
    """The trigram indexes live outside the models (pg_trgm GIN, SQLite FTS5 tables)."""
    return not (name or "").endswith("_trgm") and not (name or "").startswith("application_fts")


def test_existing_orderers_get_their_head_as_creditor(tmp_path):
    """The 保証債権者 migration fills existing orderers with name + 長 (a fresh SQLite file)."""
    import os

    from flask_migrate import upgrade

    from app import create_app
    from config import TestConfig
    from extensions import limiter

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'before.sqlite3'}"

    limited = limiter.enabled
    app = create_app(Config)
    limiter.enabled = limited  # init_app turned it on for every app; the fixtures keep it off
    directory = os.path.join(app.root_path, "migrations")
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        before = ScriptDirectory.from_config(config).get_revision("d0a02e8b0e7c").down_revision
        upgrade(directory=directory, revision=before)
        db.session.execute(
            text(
                "INSERT INTO orderer (name, category, contact, accepts_e_advance,"
                " accepts_e_interim, accepts_e_contract, advance_ratio, rounding_unit,"
                " contract_min_ratio)"
                " VALUES ('大仙市', 'MUNICIPALITY', '', 1, 0, 1, 0.4, 1, 0.1)"
            )
        )
        db.session.commit()
        upgrade(directory=directory, revision="d0a02e8b0e7c")
        assert db.session.scalar(text("SELECT creditor_name FROM orderer")) == "大仙市長"
        db.session.remove()
        db.engine.dispose()


def test_existing_companies_get_the_home_branch_they_dealt_with(tmp_path):
    """Migration 5d2f8a41c9e7: the branch of a company's applications; head office where
    there are several branches, or none."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"

    app = create_app(Config)
    migrations = os.path.join(app.root_path, "migrations")
    with app.app_context():
        upgrade(directory=migrations)
        load_demo_data()
        branches = {b.name: b for b in db.session.scalars(select(Branch))}
        dealt_with_two_branches = db.session.scalar(
            select(Contractor).where(Contractor.name == "大曲建設株式会社")
        )
        db.session.scalars(
            select(Application).where(Application.contractor_id == dealt_with_two_branches.id)
        ).first().branch = branches["本店営業部"]
        db.session.add(
            Contractor(name="新規建設株式会社", home_branch=branches["秋田支店"])  # no dealings
        )
        db.session.commit()
        config = app.extensions["migrate"].migrate.get_config()
        before = ScriptDirectory.from_config(config).get_revision("5d2f8a41c9e7").down_revision
        downgrade(directory=migrations, revision=before)
        upgrade(directory=migrations)
        homes = dict(
            db.session.execute(
                text(
                    "SELECT contractor.name, branch.name FROM contractor "
                    "JOIN branch ON branch.id = contractor.home_branch_id"
                )
            ).all()
        )
        db.session.remove()
    assert homes == {
        "大曲建設株式会社": "本店営業部",
        "秋田土木工業株式会社": "秋田支店",
        "新規建設株式会社": "本店営業部",
    }


def test_existing_versions_are_chained_in_seq_order(tmp_path):
    """Migration ac038807b0a0 hashes the versions issued before it, each chained to the one
    before: the same hashes the service gives a new version, so the chains hold after it."""
    from domain.changes import RequestedChange, VersionKind
    from models import CertificateVersion, GuaranteeContract, User
    from operations.chain import check_all_chains
    from operations.contract_changes import change_contract

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'chained.sqlite3'}"

    app = create_app(Config)
    migrations = os.path.join(app.root_path, "migrations")
    with app.app_context():
        upgrade(directory=migrations)
        load_demo_data()
        contract = db.session.scalars(
            select(GuaranteeContract).order_by(GuaranteeContract.id)
        ).first()
        staff = db.session.scalar(select(User).where(User.login_id == "branch"))
        change = RequestedChange(VersionKind.DECREASE, new_amount=contract.amount - 100_000)
        change_contract(staff, contract, contract.revision, change)
        db.session.commit()
        issued = dict(
            db.session.execute(select(CertificateVersion.id, CertificateVersion.chain_hash)).all()
        )
        config = app.extensions["migrate"].migrate.get_config()
        before = ScriptDirectory.from_config(config).get_revision("ac038807b0a0").down_revision
        downgrade(directory=migrations, revision=before)
        upgrade(directory=migrations)
        db.session.expire_all()
        migrated = dict(
            db.session.execute(select(CertificateVersion.id, CertificateVersion.chain_hash)).all()
        )
        check = check_all_chains()
        db.session.remove()
    assert len(issued) == 3 and migrated == issued
    assert check.broken is None and check.versions == 3
