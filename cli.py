"""Command-line tasks: `flask seed-demo`."""

import click
from flask import Flask

from operations.demo import DEMO_PASSWORD, demo_accounts, load_demo_data


def register_commands(app: Flask) -> None:
    """Add this project's commands to `flask`."""
    app.cli.add_command(seed_demo)


@click.command("seed-demo")
def seed_demo() -> None:
    """Load the demo data when the database is empty, then print the demo accounts."""
    from extensions import db

    if load_demo_data():
        db.session.commit()
        click.echo("デモデータを登録しました。")
    else:
        click.echo("デモデータは登録済みです（変更なし）。")
    click.echo(f"\nデモアカウント（パスワードはすべて {DEMO_PASSWORD}）:")
    for login_id, description in demo_accounts():
        click.echo(f"  {login_id:<12} {description}")
