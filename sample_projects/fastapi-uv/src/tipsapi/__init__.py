"""A small FastAPI JSON API: the talk's tips, as the Django sample serves them."""
