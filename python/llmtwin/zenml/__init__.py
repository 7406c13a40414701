"""The book's ZenML pipeline ``digital_data_etl`` on the llmtwin engine.

    from llmtwin.zenml import digital_data_etl
    digital_data_etl(user_full_name="Maxime Labonne", links=[...])

or, from a config file (the book's ``tools/run.py --run-etl``):

    python -m llmtwin.zenml --config configs/digital_data_etl_maxime_labonne.yaml [--cache]

Steps and artifacts keep the book's names (``get_or_create_user`` -> "user", ``crawl_links`` ->
"crawled_links") and artifact metadata; llmtwin's own counts are step metadata under "llmtwin".
Needs ``zenml`` (``pip install './python[zenml]'``).
"""

from llmtwin.zenml.documents import UserDocument
from llmtwin.zenml.pipeline import digital_data_etl
from llmtwin.zenml.steps import crawl_links, get_or_create_user

__all__ = ["UserDocument", "crawl_links", "digital_data_etl", "get_or_create_user"]
