"""`python -m bench.signing`: what signing costs — the first render+sign+store of a certificate
PDF against a later download of the kept bytes, and the key notice rendered with and without
its signature. Prints one line per figure (median of the runs, in ms)."""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import delete, select

from config import Config


def _median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(runs: int = 15) -> None:
    from app import create_app
    from documents.certificate import certificate_view
    from documents.pdf import render_pdf
    from extensions import db
    from models import GuaranteeContract, StoredDocument
    from operations.demo import load_demo_data
    from operations.documents import certificate_pdf, key_notice_pdf
    from operations.keys import reveal_key

    directory = Path(tempfile.mkdtemp(prefix="bench-signing-"))

    class Bench(Config):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{directory / 'bench.sqlite3'}"

    app = create_app(Bench)
    with app.test_request_context():
        upgrade(directory=str(Path(app.root_path) / "migrations"))
        load_demo_data()
        db.session.commit()
        contract = db.session.scalars(select(GuaranteeContract)).first()
        shown = contract.last_shown
        key = reveal_key(contract)
        certificate_pdf(contract, shown)  # warm the font, the templates and the signer
        db.session.rollback()

        def first_download():
            db.session.execute(delete(StoredDocument))
            certificate_pdf(contract, shown)
            db.session.commit()

        def first_notice():
            db.session.execute(delete(StoredDocument))
            key_notice_pdf(contract, key)
            db.session.commit()

        figures = {
            "certificate: render only": lambda: render_pdf(
                "pdf/certificate.html",
                certificate=certificate_view(shown.snapshot),
                contract=contract,
            ),
            "certificate: first download (render+sign+store)": first_download,
            "certificate: later download (kept bytes)": lambda: certificate_pdf(contract, shown),
            "key notice: render only": lambda: render_pdf(
                "pdf/key_notice.html", contract=contract, key=key
            ),
            "key notice: first download (render+sign+seal)": first_notice,
            "key notice: later download (kept, decrypted)": lambda: key_notice_pdf(contract, key),
        }
        for name, action in figures.items():
            print(f"{name:50} {_median_ms(action, runs):8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
