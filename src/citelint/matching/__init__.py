"""Which facts a claim fits, and which facts measure the same thing.

`index` holds the fact index (candidates narrowed by unit and value or by postings before
any context is scored), `scoring` the weights and shares its scores come from, `context`
the tests of a claim's sentence and clause, and `gather` one claim's evidence.
"""

from .gather import Evidence, gather
from .index import FactIndex
from .scoring import Scored

__all__ = ["Evidence", "FactIndex", "Scored", "gather"]
