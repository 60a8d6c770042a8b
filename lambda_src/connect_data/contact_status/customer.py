"""``CustomerId``, the key of the customer index: derived here once for the processor, the record and the
history function, so a contact is found by history whichever of them saw it first.

Privacy: the key comes from the customer endpoint Connect reports, never from caller input, unless the
deployment says a flow's ``customerId`` parameter can be trusted (``TRUST_CUSTOMER_ID_PARAMETER``). An
anonymous or unparseable caller has no key at all (no history) rather than one key shared by everyone
like them.
"""

from __future__ import annotations

from connect_data.common.phone import InvalidNumber, normalize_e164

TRUST_PARAMETER_ENV = "TRUST_CUSTOMER_ID_PARAMETER"
_EMAIL_TYPES = frozenset({"EMAIL", "EMAIL_ADDRESS"})


def customer_key(address: object, endpoint_type: object = None, default_country_code: str = "1") -> str | None:
    """The E.164 number of a telephone endpoint, the lower-case address of an e-mail endpoint, the address
    of another endpoint type; ``None`` for a missing, anonymous or unparseable number."""
    if not isinstance(address, str) or not address.strip():
        return None
    kind = endpoint_type.upper() if isinstance(endpoint_type, str) and endpoint_type else "TELEPHONE_NUMBER"
    if kind == "TELEPHONE_NUMBER":
        try:
            return normalize_e164(address, default_country_code)
        except InvalidNumber:
            return None
    if kind in _EMAIL_TYPES:
        return address.strip().lower()
    return address.strip()


def trusts_parameter(value: str | None) -> bool:
    """Whether the deployment's ``TRUST_CUSTOMER_ID_PARAMETER`` says yes."""
    return (value or "").strip().lower() == "true"
