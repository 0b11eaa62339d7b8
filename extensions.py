"""The unbound extension objects, bound to the app in app.create_app."""

import enum

from flask import abort, request
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import Enum, MetaData
from sqlalchemy.orm import DeclarativeBase, registry


class Base(DeclarativeBase):
    """Declarative base: deterministic constraint names (portable migrations), enums by name."""

    registry = registry(
        metadata=MetaData(
            naming_convention={
                "ix": "ix_%(column_0_label)s",
                "uq": "uq_%(table_name)s_%(column_0_name)s",
                "ck": "ck_%(table_name)s_%(constraint_name)s",
                "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
                "pk": "pk_%(table_name)s",
            }
        ),
        #: Enums are stored by name in a VARCHAR, the same on SQLite and PostgreSQL.
        type_annotation_map={enum.Enum: Enum(enum.Enum, native_enum=False, length=20)},
    )


#: Beyond any list's last page, and small enough that its offset fits a 64-bit integer.
MAX_PAGE = 10**9


class Database(SQLAlchemy):
    """Flask-SQLAlchemy whose pager answers 404 to a page number no list reaches (a huge
    `?page=` would otherwise overflow the database's OFFSET)."""

    def paginate(self, select, *, page=None, **kwargs):
        if page is None:
            page = request.args.get("page", 1, type=int)
        if page > MAX_PAGE:
            abort(404)
        return super().paginate(select, page=page, **kwargs)


db = Database(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
mail = Mail()
htmx = HTMX()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
