"""The web front end's own concerns beside app.py: one login for every route, files through Gradio."""
