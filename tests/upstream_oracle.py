"""An independent oracle for the contract: facts about upstream/kraken-graphql-enums.txt, checked by hand.

Nothing here is computed. Every number and string below was written by a person reading the page (the
line numbers say where to look), not by running the generator's parser, so that a parser mistake cannot
flow into both the contract and the tests that check it. ``tests/test_oracle.py`` holds the contract to
this table. When upstream/kraken-graphql-enums.txt or upstream/corrections.toml changes on purpose,
update this file by reading the change, never by pasting the generator's output.

- :data:`PAGE`: every ``Values`` block of the page, in page order: the enum's GraphQL name (for the six
  blocks whose name line the scrape lost, the name a ``[[nameless_block]]`` correction gives them) and
  how many values the page itself lists (labels and descriptions are not values).
- :data:`CORRECTIONS`: what upstream/corrections.toml adds or changes, one entry per correction.
- :data:`TRAPS`: exact graphql_values (with their released number) chosen because a parser could get
  them wrong; :data:`NOT_VALUES`: labels and prose that look like values but are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Block:  # not a NamedTuple: its field ``count`` would shadow tuple.count
    values_line: int  #: the line of the block's ``Values`` heading in the page
    graphql_name: str
    count: int  #: values the page lists in this block (before corrections)
    nameless: bool = False  #: the scrape lost the name line; the name comes from a [[nameless_block]] correction


PAGE: tuple[Block, ...] = (
    Block(5, "APIBrownoutStatus", 5),
    Block(15, "APIExceptionResolutionStatus", 7),
    Block(27, "AccountApplicationStatus", 4),  # each value followed by a mixed-case label: CURRENT / Current
    Block(40, "AccountBillingOptionsPeriodLength", 2),
    Block(49, "AccountCreditReasonType", 1),
    Block(56, "AccountEventType", 8),
    Block(77, "AccountPaymentStatusOptions", 11),
    Block(104, "AccountPaymentTransactionTypeChoices", 49),
    Block(158, "AccountReminderTypes", 313),
    Block(476, "AccountRepaymentStatusOptions", 7),
    Block(493, "AccountStatus", 8, nameless=True),
    Block(514, "AccountTypeChoices", 8),
    Block(535, "BrandChoices", 1),
    Block(542, "BusinessTypeOptions", 12),
    Block(571, "CampaignItemStatus", 6),
    Block(583, "CampaignStatus", 2),  # a two-line description
    Block(588, "CollectDepositStatusChoices", 9, nameless=True),
    Block(602, "CollectionCampaignType", 6),
    Block(617, "CollectionProcessRecordCompletionTypeChoices", 4),  # per-value docs smeared into the description
    Block(626, "CommsDeliveryPreference", 1),
    Block(637, "DataFrequency", 4),  # a six-line description with "->" arrows
    Block(646, "DebtCollectionProceedingStopReason", 37),  # COS / COS, EXP / Expired
    Block(725, "DirectDebitInstructionStatus", 4),
    Block(738, "DocumentAccessibilityChoices", 3),
    Block(749, "Eligibility", 11),
    Block(765, "EnodeVendors", 24),
    Block(794, "ExpiringTokenScope", 22),
    Block(843, "ExternalAccountEventCategory", 6),
    Block(855, "ExternalAccountEventContentType", 4),
    Block(864, "ExternalAccountEventSubCategory", 9),
    Block(878, "FormType", 2),
    Block(887, "HardshipAgreementHardshipEntryReason", 3),
    Block(898, "HardshipAgreementHardshipType", 6),
    Block(913, "IntegrationStatus", 3, nameless=True),
    Block(931, "KrakenFlexDeviceStatusChoices", 6),  # per-value docs smeared into the description
    Block(942, "KrakenFlexDeviceTypes", 6),
    Block(953, "LifecycleSupplyPointProcessStatus", 12),
    Block(970, "LinkTrainingStatus", 3),
    Block(981, "MaximumRefundReasonChoices", 3),
    Block(992, "MessageChannel", 4),  # SMS / SMS: a label identical to its value
    Block(1005, "NotifiableApplicationService", 3),
    Block(1014, "PaymentDayDirectionType", 2, nameless=True),
    Block(1021, "PaymentReasonOptions", 4, nameless=True),  # nameless, right after another nameless block
    Block(1030, "PaymentScheduleReasonOptions", 4),
    Block(1043, "PaymentType", 5),
    Block(1060, "PreSignedTokenScope", 22),  # a nine-line description
    Block(1109, "PreferencesTargetType", 3),
    Block(1124, "PreferencesUnitChoices", 4),
    Block(1133, "ProductAvailabilityStatus", 2),
    Block(1142, "ProviderChoices", 25),
    Block(1172, "ReadingDirectionType", 2),  # GENERATION's description runs over two lines
    Block(1182, "ReadingFrequencyType", 11),  # five values have no description
    Block(1204, "ReadingOrigin", 7),
    Block(1216, "ReadingStatisticTypeEnum", 5),
    Block(1231, "ReferralSchemeTypeChoices", 5),
    Block(1246, "ReferralStatusChoices", 3),  # mixed-case values: Cancelled / Cancelled.
    Block(1257, "RepaymentMethod", 3),
    Block(1265, "RepaymentRequestStatus", 4),
    Block(1274, "SalesChannelChoices", 22),
    Block(1301, "ScheduleType", 4),
    Block(1310, "SmartControlAction", 2),
    Block(1317, "SmartFlexDeviceLifecycleStatus", 6),
    Block(1326, "SmartFlexDeviceState", 14, nameless=True),
    Block(1359, "StatementReversalsAfterClose", 4),
    Block(1372, "TestChargeErrorType", 2),
    Block(1381, "TestChargeRefusalReason", 10),
    Block(1396, "TestDispatchAssessmentFailureReason", 8),
    Block(1409, "TestDispatchStatus", 3),
    Block(1417, "TextStyleV1", 17),
    Block(1439, "TransactionTypeFilter", 7),
    Block(1458, "TypeOfRead", 9),
    Block(1472, "TypeOfVoiceCampaign", 2),
    Block(1479, "Vendor", 27),
    Block(1511, "VerificationRequestStatus", 3),
)

PAGE_ENUMS = 74
PAGE_VALUES = 890  #: the sum of the counts above, added up by hand


class Correction(NamedTuple):
    kind: str  #: the upstream/corrections.toml table: missing_value, deprecated_value, value_docs_in_enum_description
    graphql_name: str
    graphql_value: str = ""
    number: int = 0  #: for missing_value: the released number (its place in the alphabetical listing)


# The six [[nameless_block]] corrections are the `nameless=True` blocks of PAGE.
CORRECTIONS: tuple[Correction, ...] = (
    # Every line reading `Email` or `Print` was lost by the scrape, with the values (or labels) on it.
    Correction("missing_value", "CommsDeliveryPreference", "EMAIL", 1),
    Correction("missing_value", "MessageChannel", "EMAIL", 1),
    Correction("missing_value", "MessageChannel", "PRINT", 4),
    Correction("missing_value", "ExternalAccountEventSubCategory", "EMAIL", 3),
    Correction("missing_value", "ExternalAccountEventSubCategory", "PRINT", 6),
    Correction("missing_value", "ExternalAccountEventSubCategory", "WHATSAPP", 12),
    # Deprecations the page states only in prose (PreferencesUnitChoices' description).
    Correction("deprecated_value", "PreferencesUnitChoices", "PERCENTAGE_ABSOLUTE", 3),
    Correction("deprecated_value", "PreferencesUnitChoices", "PERCENTAGE_RELATIVE", 4),
    # Per-value docs the page renders inside the enum description.
    Correction("value_docs_in_enum_description", "KrakenFlexDeviceStatusChoices"),
    Correction("value_docs_in_enum_description", "CollectionProcessRecordCompletionTypeChoices"),
)


class Trap(NamedTuple):
    graphql_name: str
    graphql_value: str
    number: int  #: the released number: the value's place in the page's (alphabetical) listing, corrections included
    why: str


TRAPS: tuple[Trap, ...] = (
    Trap("ReferralStatusChoices", "Cancelled", 1, "mixed-case value followed by the label 'Cancelled.'"),
    Trap("ReferralStatusChoices", "Paid", 2, "mixed-case value"),
    Trap("ReferralStatusChoices", "Pending", 3, "mixed-case value; the documented example"),
    Trap("AccountReminderTypes", "DUPLICATE_CARD_FINGERPRINTs", 64, "a lower-case s at the end: the exact case must survive"),
    Trap("DebtCollectionProceedingStopReason", "COS", 4, "its label is 'COS' too: one value, not two"),
    Trap("DebtCollectionProceedingStopReason", "COT_COS", 5, "its label 'COT / COS' contains a value"),
    Trap("DebtCollectionProceedingStopReason", "EXP", 11, "a short value whose label 'Expired' reads like a word"),
    Trap("DebtCollectionProceedingStopReason", "WRITE_OFF", 37, "the last of 37 value/label pairs"),
    Trap("MessageChannel", "EMAIL", 1, "dropped by the scrape with its label 'Email'; restored by a correction"),
    Trap("MessageChannel", "PRINT", 4, "dropped by the scrape with its label 'Print'; restored by a correction"),
    Trap("MessageChannel", "SMS", 6, "its label is 'SMS' too"),
    Trap("AccountApplicationStatus", "CURRENT", 1, "followed by the label 'Current'"),
    Trap("AccountApplicationStatus", "WITHDRAWN", 4, "followed by the label 'Withdrawn'"),
    Trap("NotifiableApplicationService", "APNS_SANDBOX", 2, "label 'iOS Sandbox (APNs Sandbox)'"),
    Trap("NotifiableApplicationService", "GCM", 3, "label 'Android (GCM)'; the next block is nameless"),
    Trap("HardshipAgreementHardshipType", "UNEMPLOYMENT", 6, "its label 'Unemployment' ends the block before a nameless one"),
    Trap("ExpiringTokenScope", "EDIT_CUSTOMER_MARKETING_PREFERENCE", 4, "its description is a Title Case label"),
    Trap("AccountStatus", "ACTIVE", 1, "nameless block"),
    Trap("AccountStatus", "VOID", 7, "nameless block"),
    Trap("AccountStatus", "WITHDRAWN", 8, "nameless block"),
    Trap("CollectDepositStatusChoices", "NONE", 6, "nameless block; NONE is a real value, never the zero value"),
    Trap("IntegrationStatus", "TESTING", 3, "nameless block with Title Case descriptions"),
    Trap("PaymentDayDirectionType", "OF_MONTH", 2, "nameless block"),
    Trap("PaymentReasonOptions", "BALANCE_THRESHOLD_CROSSED", 1, "nameless block right after another nameless block"),
    Trap("PaymentReasonOptions", "REGULAR_SCHEDULE", 4, "nameless block right after another nameless block"),
    Trap("SmartFlexDeviceState", "TEST_CHARGE_NOT_AVAILABLE", 14, "nameless block; last value"),
    Trap("KrakenFlexDeviceStatusChoices", "FAILED_ONBOARDING_TEST", 1, "also glued into the smeared description ('...limits.LIVE')"),
    Trap("KrakenFlexDeviceStatusChoices", "PENDING_LIVE", 5, "the one value the smeared description does not document"),
    Trap("KrakenFlexDeviceStatusChoices", "RETIRED", 6, "glued to the end of a sentence in the description"),
    Trap("CollectionProcessRecordCompletionTypeChoices", "NEVER_ACTIONED", 3, "glued to ': cancelled' in the description"),
    Trap("ExternalAccountEventSubCategory", "EMAIL", 3, "restored by a correction, in alphabetical place"),
    Trap("ExternalAccountEventSubCategory", "THIRD_PARTY", 11, "last value after two restored ones"),
    Trap("CommsDeliveryPreference", "EMAIL", 1, "restored by a correction: the documented example the page does not list"),
    Trap("CommsDeliveryPreference", "POSTAL_MAIL", 2, "the only value the page lists"),
    Trap("ReadingFrequencyType", "DAY_INTERVAL", 2, "no description: the next line is another value"),
    Trap("ReadingFrequencyType", "WEEK_INTERVAL", 11, "no description, last line before Example"),
    Trap("ReadingDirectionType", "GENERATION", 2, "a description over two lines"),
    Trap("TextStyleV1", "BODY1", 1, "digits in a value"),
    Trap("TestDispatchAssessmentFailureReason", "UNKNOWN", 8, "UNKNOWN is a real value, never the zero value"),
    Trap("AccountPaymentTransactionTypeChoices", "UNKNOWN", 48, "UNKNOWN is a real value, never the zero value"),
    Trap("StatementReversalsAfterClose", "NONE", 2, "NONE is a real value with a description"),
    Trap("PreferencesUnitChoices", "PERCENTAGE", 2, "not deprecated, unlike its two neighbours"),
    Trap("CampaignStatus", "INACTIVE", 2, "the block after it is nameless and starts right after its Example"),
    Trap("DataFrequency", "WEEKLY", 4, "after a description with arrows"),
)


#: Labels and prose the page puts between values: each looks like a value and must not be one.
NOT_VALUES: tuple[tuple[str, str], ...] = (
    ("ReferralStatusChoices", "Cancelled."),
    ("ReferralStatusChoices", "CANCELLED"),
    ("AccountApplicationStatus", "Current"),
    ("DebtCollectionProceedingStopReason", "Expired"),
    ("DebtCollectionProceedingStopReason", "COT / COS"),
    ("MessageChannel", "Intercom"),
    ("MessageChannel", "Email"),
    ("NotifiableApplicationService", "Android (GCM)"),
    ("HardshipAgreementHardshipType", "Unemployment"),
    ("ExpiringTokenScope", "Edit Customer Marketing Preference"),
    ("ProductAvailabilityStatus", "Restricted"),
    ("KrakenFlexDeviceStatusChoices", "LIVE\nindicates"),
    ("CollectionProcessRecordCompletionTypeChoices", "endedWITHDRAWN"),
    ("SmartFlexDeviceState", "Retired - deleted / de-authed (re-auth not possible, re-register device to onboard again)."),
)


class Doc(NamedTuple):
    graphql_name: str
    graphql_value: str
    contains: str  #: a phrase the value's description must contain ("" means: no description at all)


#: Per-value descriptions where the page makes them hard to find.
DOCS: tuple[Doc, ...] = (
    Doc("KrakenFlexDeviceStatusChoices", "ONBOARDING", "registered on the system but has not yet completed the on-boarding process"),
    Doc("KrakenFlexDeviceStatusChoices", "LIVE", "has completed the on-boarding process and is ready for control"),
    Doc("KrakenFlexDeviceStatusChoices", "RETIRED", "has no connection details and is not currently available for control"),
    Doc("KrakenFlexDeviceStatusChoices", "PENDING_LIVE", ""),
    # The page says ": never_actioned" inside the enum's description (line 616).
    Doc("CollectionProcessRecordCompletionTypeChoices", "NEVER_ACTIONED", "never_actioned"),
    Doc("ReadingDirectionType", "GENERATION", "This will return solar readings"),
    Doc("ReadingFrequencyType", "DAY_INTERVAL", ""),
    Doc("ReadingFrequencyType", "FIFTEEN_MIN_INTERVAL", "Readings taken in every 15 minute intervals."),
    Doc("MessageChannel", "SMS", "SMS"),
    Doc("DebtCollectionProceedingStopReason", "EXP", "Expired"),
    Doc("AccountStatus", "VOID", "Void. Account created in error."),
)
