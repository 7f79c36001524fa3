"""The StrEnums with real strawberry: ``strawberry.enum(AccountStatus)`` serves the exact strings."""

import strawberry

from kraken_proto.graphql import AccountStatus, ReferralStatusChoices

Status = strawberry.enum(AccountStatus)
Referral = strawberry.enum(ReferralStatusChoices)


@strawberry.type
class Query:
    @strawberry.field
    def status(self, given: Status) -> Status:  # type: ignore[valid-type]  # strawberry.enum returns the class it is given
        return given

    @strawberry.field
    def referrals(self) -> list[Referral]:  # type: ignore[valid-type]  # strawberry.enum returns the class it is given
        return list(ReferralStatusChoices)


SCHEMA = strawberry.Schema(query=Query)


# AccountStatus's values in number order, read from upstream/kraken-graphql-enums.txt (line 493 on) and
# tests/upstream_oracle.py (ACTIVE 1, VOID 7, WITHDRAWN 8), not from the mapping under test.
ACCOUNT_STATUS = ("ACTIVE", "DORMANT", "ENROLMENT_ERROR", "ENROLMENT_REJECTED", "INCOMPLETE", "PENDING", "VOID", "WITHDRAWN")
# ReferralStatusChoices, line 1246 on: mixed case, exactly as documented.
REFERRAL_STATUS_CHOICES = ("Cancelled", "Paid", "Pending")


def test_the_schema_lists_the_exact_strings_as_the_enums_values() -> None:
    sdl = SCHEMA.as_str()
    assert "enum AccountStatus {\n  " + "\n  ".join(ACCOUNT_STATUS) + "\n}" in sdl
    assert "enum ReferralStatusChoices {\n  " + "\n  ".join(REFERRAL_STATUS_CHOICES) + "\n}" in sdl


def test_a_query_takes_and_returns_the_exact_strings() -> None:
    result = SCHEMA.execute_sync("{ status(given: ENROLMENT_ERROR) referrals }")
    assert result.errors is None
    assert result.data == {"status": "ENROLMENT_ERROR", "referrals": list(REFERRAL_STATUS_CHOICES)}
    assert "Cancelled" in result.data["referrals"]


def test_a_query_with_another_case_is_a_graphql_error() -> None:
    result = SCHEMA.execute_sync("{ status(given: enrolment_error) }")
    assert result.errors and "enrolment_error" in result.errors[0].message
