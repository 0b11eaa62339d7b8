"""Render a templates/pdf/ template to PDF bytes, with IPAex Gothic embedded (subset)."""

import io
import itertools
import logging
from functools import cache
from pathlib import Path

from flask import current_app, render_template
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from xhtml2pdf import default, pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

log = logging.getLogger(__name__)

#: The font-family the PDF templates name (pdf/base.html).
FONT_FAMILY = "IPAexGothic"
_registered = itertools.count()


class PdfError(RuntimeError):
    """The PDF could not be rendered (a template or font problem, never user input)."""


def font_path() -> Path:
    """The TrueType font every PDF embeds: `PDF_FONT_PATH`, or fonts/ipaexg.ttf of the set-up."""
    configured = current_app.config.get("PDF_FONT_PATH")
    return Path(configured) if configured else Path(current_app.root_path) / "fonts" / "ipaexg.ttf"


@cache
def _register_font(font: Path) -> None:
    """Parse the font once per process and make FONT_FAMILY name it in every document (an
    @font-face in the template would read and digest the whole 4 MB file on each render)."""
    name = f"{FONT_FAMILY}_{next(_registered)}"  # one name per font file
    pdfmetrics.registerFont(TTFont(name, str(font)))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    default.DEFAULT_FONT[FONT_FAMILY.lower()] = name


def render_pdf(template: str, **context) -> bytes:
    """Render `template` (which extends pdf/base.html) to an A4 PDF."""
    return pdf_of(render_html(template, **context), template)


def render_html(template: str, **context) -> str:
    """The HTML a PDF of `template` is made from (what pdf_of turns into the document)."""
    return render_template(template, **context)


def pdf_of(html: str, template: str = "") -> bytes:
    """The A4 PDF of `html` rendered from a templates/pdf/ template (named in errors)."""
    font = font_path()
    if not font.is_file():
        raise PdfError(f"PDF font not found at {font}: run the set-up (make) or set PDF_FONT_PATH")
    _register_font(font)
    # The documents fetch nothing: local reads only, and only of the font's directory.
    policy = ResourceAccessPolicy.server(base_dir=font.parent, allow_remote=False)
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=policy)
    if result.err:
        raise PdfError(f"xhtml2pdf reported {result.err} error(s) rendering {template}")
    return output.getvalue()
