"""Render a templates/pdf/ template to PDF bytes, with IPAex Gothic embedded (subset)."""

import io
import logging
from pathlib import Path

from flask import current_app, render_template
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

log = logging.getLogger(__name__)


class PdfError(RuntimeError):
    """The PDF could not be rendered (a template or font problem, never user input)."""


def font_path() -> Path:
    """The TrueType font every PDF embeds: `PDF_FONT_PATH`, or fonts/ipaexg.ttf of the set-up."""
    configured = current_app.config.get("PDF_FONT_PATH")
    return Path(configured) if configured else Path(current_app.root_path) / "fonts" / "ipaexg.ttf"


def render_pdf(template: str, **context) -> bytes:
    """Render `template` (which extends pdf/base.html) to an A4 PDF."""
    font = font_path()
    if not font.is_file():
        raise PdfError(f"PDF font not found at {font}: run the set-up (make) or set PDF_FONT_PATH")
    html = render_template(template, font_uri=font.as_uri(), **context)
    # Local reads only, and only of the font's directory: the documents fetch nothing else.
    policy = ResourceAccessPolicy.server(base_dir=font.parent, allow_remote=False)
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=policy)
    if result.err:
        raise PdfError(f"xhtml2pdf reported {result.err} error(s) rendering {template}")
    return output.getvalue()
