"""PDF documents rendered with xhtml2pdf from templates/pdf/, with a Japanese font embedded."""
