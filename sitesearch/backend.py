"""Wagtail's database search backend, taught German the same way on SQLite and on PostgreSQL.

Indexed text and search terms go through one fold (`fold`): lower case, "ß" → "ss", "ä/ö/ü" and "ae/oe/ue" →
"a/o/u" (the rules of Lucene's GermanNormalizationFilter: "ue" stays after a vowel or "q", as in "neue",
"Quelle"), other accents dropped. So "Armutspraevention" finds "Armutsprävention" and the reverse.
Stemming: PostgreSQL's "german" configuration stems the folded words itself; SQLite's FTS5 cannot, so there the
words are also reduced to their German Snowball stem in Python before they are stored or searched
("Stiftungen" and "Stiftung" both become "stiftung"). Autocomplete (the admin's choosers) is folded, not stemmed:
it matches word beginnings.
On SQLite a match in the title also weighs ten times one in the body, as PostgreSQL's title weight does.

The stored index changes with this module: run `manage.py update_index` once after deploying it.
"""

import functools
import re
import types
import unicodedata

import snowballstemmer
from modelsearch.index import AutocompleteField
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

UMLAUT_SPELLING = re.compile(r"([ao])e|(?<![aeiouyqäöü])(u)e")
WORD = re.compile(r"[^\W_]+")  # what SQLite's unicode61 tokenizer calls a word (letters and digits)
STEMMER = snowballstemmer.stemmer("german")
TITLE_WEIGHT = 10.0


def fold(text):
    """Lower case, umlauts and accents folded: "Armutsprävention", "ARMUTSPRAEVENTION" → "armutspravention"."""
    text = unicodedata.normalize("NFC", text or "").lower().replace("ß", "ss")
    text = UMLAUT_SPELLING.sub(r"\1\2", text)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=50_000)
def stem_word(word):
    return STEMMER.stemWord(word)


def stem(text):
    """`text` folded, each word replaced by its German Snowball stem; separators stay as they are."""
    return WORD.sub(lambda match: stem_word(match.group()), fold(text))


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    backend = DatabaseSearchBackend(params)  # the vendor's backend (SQLite without FTS5 gets a plain fallback)
    german = {"SQLiteSearchBackend": _sqlite_backend, "PostgresSearchBackend": _postgres_backend}.get(
        type(backend).__name__
    )
    return german()(params) if german else backend


class GermanQueryMixin:
    query_analyser = staticmethod(fold)

    def search(self, query, *args, **kwargs):
        if isinstance(query, str):
            query = self.query_analyser(query)
        return super().search(query, *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        if isinstance(query, str):
            query = fold(query)
        return super().autocomplete(query, *args, **kwargs)


def _with_indexer(add_items, indexer_class):
    """An index's `add_items` as modelsearch wrote it, building its indexers from `indexer_class` instead: the
    function looks `ObjectIndexer` up among its module's globals and offers no other way to change it."""
    return types.FunctionType(
        add_items.__code__,
        {**add_items.__globals__, "ObjectIndexer": indexer_class},
        add_items.__name__,
        add_items.__defaults__,
        add_items.__closure__,
    )


@functools.cache
def _sqlite_backend():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import BM25

    class ColumnBM25(BM25):
        """FTS5's bm25() over one column: Wagtail ranks the whole row twice, once multiplied by the title's
        length factor, so a short title outranked a title that contains the word."""

        def __init__(self, weights):
            super().__init__()
            self.weights = weights

        def as_sql(self, compiler, connection, function=None, template=None):
            # The columns of the FTS5 table are autocomplete, body, title.
            weights = ", ".join(str(weight) for weight in self.weights)
            return f"bm25({sqlite.SQLiteFTSIndexEntry._meta.db_table}, {weights})", []

    class GermanSQLiteQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            rank = super().build_tsrank(vector, query, config=config, boost=boost)
            if type(rank) is BM25:
                # A weight inside bm25() saturates like a repeated word; outside it counts in full.
                if getattr(vector, "name", "").endswith("title"):
                    rank = ColumnBM25((0.0, 0.0, 1.0)) * TITLE_WEIGHT
                else:
                    rank = ColumnBM25((0.0, 1.0, 0.0))
            return rank

    class StemmingIndexer(sqlite.ObjectIndexer):
        def prepare_field(self, obj, field):
            for current_field, value in super().prepare_field(obj, field):
                if current_field is field:  # related fields recurse into this method: analyse each value once
                    value = fold(value) if isinstance(field, AutocompleteField) else stem(value)
                yield current_field, value

    class GermanSQLiteIndex(sqlite.SQLiteIndex):
        add_items = _with_indexer(sqlite.SQLiteIndex.add_items, StemmingIndexer)

    class GermanSQLiteSearchBackend(GermanQueryMixin, sqlite.SQLiteSearchBackend):
        query_compiler_class = GermanSQLiteQueryCompiler
        index_class = GermanSQLiteIndex
        query_analyser = staticmethod(stem)

    return GermanSQLiteSearchBackend


@functools.cache
def _postgres_backend():
    from modelsearch.backends.database.postgres import postgres

    class FoldingIndexer(postgres.ObjectIndexer):
        def prepare_field(self, obj, field):
            for current_field, weight, value in super().prepare_field(obj, field):
                yield current_field, weight, fold(value) if current_field is field else value

    class GermanPostgresIndex(postgres.PostgresIndex):
        add_items = _with_indexer(postgres.PostgresIndex.add_items, FoldingIndexer)

    class GermanPostgresSearchBackend(GermanQueryMixin, postgres.PostgresSearchBackend):
        index_class = GermanPostgresIndex

    return GermanPostgresSearchBackend
