"""The StrEnums with real strawberry: ``strawberry.enum(AccountStatus)`` serves the exact strings."""

import strawberry

import kraken_proto
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


def test_the_schema_lists_the_exact_strings_as_the_enums_values() -> None:
    sdl = SCHEMA.as_str()
    assert "enum AccountStatus {\n  " + "\n  ".join(kraken_proto.get("AccountStatus").strings()) + "\n}" in sdl
    assert "enum ReferralStatusChoices {\n  " + "\n  ".join(kraken_proto.get("ReferralStatusChoices").strings()) + "\n}" in sdl


def test_a_query_takes_and_returns_the_exact_strings() -> None:
    result = SCHEMA.execute_sync("{ status(given: ENROLMENT_ERROR) referrals }")
    assert result.errors is None
    assert result.data == {"status": "ENROLMENT_ERROR", "referrals": list(kraken_proto.get("ReferralStatusChoices").strings())}
    assert "Cancelled" in result.data["referrals"]


def test_a_query_with_another_case_is_a_graphql_error() -> None:
    result = SCHEMA.execute_sync("{ status(given: enrolment_error) }")
    assert result.errors and "enrolment_error" in result.errors[0].message
