"""Who the text credits for a claim (SPEC §2)."""

from .attributor import Attributor, is_credit

__all__ = ["Attributor", "is_credit"]
