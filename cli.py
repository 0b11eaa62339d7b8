"""Command-line tasks: `flask seed-demo`, `flask mail worker`, `flask mail send-pending`,
`flask keys rehash`, `flask verify-chain`."""

import signal
import threading

import click
from flask import Flask

from operations.demo import DEMO_PASSWORD, demo_accounts, load_demo_data


def register_commands(app: Flask) -> None:
    """Add this project's commands to `flask`."""
    app.cli.add_command(seed_demo)
    app.cli.add_command(mail_commands)
    app.cli.add_command(keys_commands)
    app.cli.add_command(verify_chain)


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


@click.group("mail")
def mail_commands() -> None:
    """The outbox of mails."""


NO_MAIL_SERVER = "MAIL_SERVER が設定されていないため、送信しません（メールは送信待ちのままです）。"


@mail_commands.command("worker")
def worker() -> None:
    """Send the outbox and run the daily jobs, pass after pass, until stopped (SIGTERM or
    Ctrl-C end it after the current pass)."""
    from notifications.outbox import mail_configured
    from operations.worker import run_worker

    stop = threading.Event()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop_signal, lambda *_: stop.set())
    if not mail_configured():
        click.echo(NO_MAIL_SERVER)
    click.echo("メール送信ワーカーを開始しました。")
    run_worker(stop)
    click.echo("メール送信ワーカーを終了しました。")


@mail_commands.command("send-pending")
def send_pending() -> None:
    """Send the mails whose next attempt is due, once (the worker does this continually)."""
    from notifications.outbox import mail_configured, send_due

    if not mail_configured():
        click.echo(NO_MAIL_SERVER)
        return
    sent, failed = send_due()
    click.echo(f"送信 {sent}件、失敗 {failed}件（失敗したメールは後で再送します）。")


@click.group("keys")
def keys_commands() -> None:
    """The stored 認証キー."""


@keys_commands.command("rehash")
def rehash() -> None:
    """Redo every stored key digest and copy not made with the current key secrets (run it
    at every deploy, after `flask db upgrade`; running it again changes nothing)."""
    from extensions import db
    from operations.keys import rehash_keys

    redone, unreadable = rehash_keys()
    db.session.commit()
    click.echo(f"認証キー: {redone}件を現在の鍵で保存し直しました。")
    if unreadable:
        numbers = "、".join(unreadable)
        raise click.ClickException(
            f"{len(unreadable)}件の認証キーは、設定されたどの暗号化鍵でも読めません"
            "（KEY_ENCRYPTION_KEY / KEY_ENCRYPTION_KEYS_OLD を確認するか、"
            f"キーを再発行してください）: {numbers}"
        )


@click.command("verify-chain")
def verify_chain() -> None:
    """Recompute every contract's version chain and every sealed day's root, and compare them
    with the seal log: print what holds, or the first break (then exit with status 1)."""
    from operations.chain import check_all_chains
    from operations.seals import check_seals, seal_log_path

    chains = check_all_chains()
    if chains.broken:
        number, label = chains.broken
        click.echo(
            f"版の鎖: 保証契約 {number} の {label} が発行後に書き換えられています"
            f"（{chains.contracts}件目の保証契約で検出）。"
        )
    else:
        click.echo(f"版の鎖: 保証契約 {chains.contracts}件・版 {chains.versions}件 — 正常")
    seals = check_seals()
    if seals.problem:
        click.echo(f"日次封印: {seals.problem}")
    elif not seals.days:
        click.echo("日次封印: まだありません（毎日の作業で前日までの分が封印されます）。")
    else:
        click.echo(
            f"日次封印: {seals.days}日分（監査記録 {seals.audit_entries}件・"
            f"版の鎖の先頭 {seals.chain_heads}件）— 封印ファイル {seal_log_path()} と一致"
        )
    if chains.broken or seals.problem:
        raise SystemExit(1)
