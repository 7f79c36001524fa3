"""A consumer's gRPC service that uses our enums, for real: protoc stubs, a grpc.server on 127.0.0.1, reflection.

The consumer contract is tests/protos/acme/billing/v1 (see tests/consumer.py); its stubs are generated
by grpcio-tools for the session. The server echoes what it receives, so whatever comes back is what
protobuf's wire format and gRPC did to our enums.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from types import ModuleType
from typing import Any

import grpc
import pytest
from google.protobuf import descriptor_pool, message_factory
from grpc_reflection.v1alpha import reflection
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

import kraken_proto
from kraken.enums.v1 import options_pb2
from kraken_proto._protobuf_compat import is_repeated
from kraken_proto.enums import AccountStatus, MessageChannel, PaymentType, ReferralStatusChoices
from kraken_proto.generator.pipeline import load_upstream

from .conftest import ROOT

Stubs = tuple[ModuleType, ModuleType, ModuleType]
UPSTREAM = {e.graphql_name: [v.graphql_value for v in e.values] for e in load_upstream(ROOT).enums}
NEWER = 1000  # a number no enum of this version has: what a newer producer may send
SERVICE = "acme.billing.v1.AccountService"


@pytest.fixture(scope="module")
def channel(consumer: Stubs) -> Iterator[grpc.Channel]:
    """A real server on an ephemeral 127.0.0.1 port, with server reflection, and a channel to it."""
    billing, billing_grpc, _ = consumer

    class Echo(billing_grpc.AccountServiceServicer):  # type: ignore[name-defined,misc]  # a base class from stubs compiled at run time
        def Echo(self, request: Any, context: grpc.ServicerContext) -> Any:  # noqa: N802 (the gRPC method's name)
            return billing.EchoResponse(event=request.event)

        def EchoEveryValue(self, request: Any, context: grpc.ServicerContext) -> Any:  # noqa: N802 (the gRPC method's name)
            return request

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    billing_grpc.add_AccountServiceServicer_to_server(Echo(), server)
    reflection.enable_server_reflection((SERVICE, reflection.SERVICE_NAME), server)
    port = server.add_insecure_port("127.0.0.1:0")
    assert port > 0
    server.start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=10)
            yield channel
    finally:
        server.stop(grace=None).wait()


def field_of(enum_name: str) -> str:
    """The EveryValue field carrying ``enum_name``: named after the enum's .proto file."""
    return kraken_proto.get(enum_name).descriptor.file.name.rsplit("/", 1)[1].removesuffix(".proto")


def test_the_every_value_message_has_a_repeated_field_for_every_enum_of_the_contract(consumer: Stubs) -> None:
    every_value = consumer[2].EveryValue.DESCRIPTOR
    carried = {f.enum_type.full_name for f in every_value.fields if f.enum_type is not None and is_repeated(f)}
    assert carried == {kraken_proto.get(name).full_name for name in UPSTREAM}


def test_every_value_of_every_enum_and_a_newer_number_comes_back_unchanged_in_one_call(consumer: Stubs, channel: grpc.Channel) -> None:
    _billing, billing_grpc, every_value = consumer
    sent = every_value.EveryValue()
    for enum_name in UPSTREAM:
        numbers = [v.number for v in kraken_proto.get(enum_name).descriptor.values if v.number]
        getattr(sent, field_of(enum_name)).extend([*numbers, NEWER])
    received = billing_grpc.AccountServiceStub(channel).EchoEveryValue(sent, timeout=10)
    assert received == sent
    checked = 0
    for enum_name, strings in UPSTREAM.items():
        wrapper = getattr(kraken_proto.enums, enum_name)
        values = list(getattr(received, field_of(enum_name)))
        assert values[-1] == NEWER
        # the documented strings of what came back are upstream's strings, in upstream's order
        assert [wrapper.DESCRIPTOR.values_by_number[n].GetOptions().Extensions[options_pb2.graphql_value] for n in values[:-1]] == strings
        checked += len(values) - 1
    assert checked == 896


def test_each_kind_of_field_carries_our_enums_and_newer_numbers_through_grpc(consumer: Stubs, channel: grpc.Channel) -> None:
    billing, billing_grpc, _ = consumer
    event = billing.AccountEvent(
        event_id="evt-1",
        status=AccountStatus.ACCOUNT_STATUS_DORMANT,
        channels=[MessageChannel.MESSAGE_CHANNEL_EMAIL, NEWER, MessageChannel.MESSAGE_CHANNEL_SMS],
        status_by_account={"A-1": AccountStatus.ACCOUNT_STATUS_VOID, "A-2": NEWER},
        referral_status=NEWER,
        payment=billing.Payment(type=PaymentType.PAYMENT_TYPE_CARD, amount_pence=-(2**63)),
        sequence=2**63 - 1,
        payments=[billing.Payment(type=NEWER), billing.Payment(type=PaymentType.PAYMENT_TYPE_BPAY)],
        payments_by_id={2**40: billing.Payment(type=PaymentType.PAYMENT_TYPE_DIRECT_DEBIT)},
    )
    stub = billing_grpc.AccountServiceStub(channel)
    back = stub.Echo(billing.EchoRequest(event=event), timeout=10).event
    assert back == event
    assert back.status == AccountStatus.ACCOUNT_STATUS_DORMANT
    assert list(back.channels) == [MessageChannel.MESSAGE_CHANNEL_EMAIL, NEWER, MessageChannel.MESSAGE_CHANNEL_SMS]
    assert dict(back.status_by_account) == {"A-1": AccountStatus.ACCOUNT_STATUS_VOID, "A-2": NEWER}
    assert back.WhichOneof("detail") == "referral_status" and back.referral_status == NEWER
    assert back.payment.type == PaymentType.PAYMENT_TYPE_CARD and back.payment.amount_pence == -(2**63)
    assert back.sequence == 2**63 - 1
    assert [p.type for p in back.payments] == [NEWER, PaymentType.PAYMENT_TYPE_BPAY]
    assert back.payments_by_id[2**40].type == PaymentType.PAYMENT_TYPE_DIRECT_DEBIT

    known = billing.AccountEvent(referral_status=ReferralStatusChoices.REFERRAL_STATUS_CHOICES_CANCELLED)
    assert stub.Echo(billing.EchoRequest(event=known), timeout=10).event.referral_status == ReferralStatusChoices.REFERRAL_STATUS_CHOICES_CANCELLED


def test_a_reflection_client_fetches_our_enum_descriptors_and_reads_their_graphql_value_options(channel: grpc.Channel) -> None:
    database = ProtoReflectionDescriptorDatabase(channel)
    assert SERVICE in set(database.get_services())
    pool = descriptor_pool.DescriptorPool(database)  # everything below comes over the wire
    service = pool.FindServiceByName(SERVICE)
    event = service.methods_by_name["Echo"].input_type.fields_by_name["event"].message_type
    assert event is not None
    status = event.fields_by_name["status"].enum_type
    assert status is not None and status.full_name == "kraken.enums.v1.AccountStatus"

    # As a tool in another language would: the option extension and the options' classes from the fetched pool.
    graphql_value: Any = pool.FindExtensionByName("kraken.enums.v1.graphql_value")
    graphql_name: Any = pool.FindExtensionByName("kraken.enums.v1.graphql_name")
    value_options = message_factory.GetMessageClass(pool.FindMessageTypeByName("google.protobuf.EnumValueOptions"))
    enum_options = message_factory.GetMessageClass(pool.FindMessageTypeByName("google.protobuf.EnumOptions"))
    found: dict[str, list[str]] = {}
    for enum_name in UPSTREAM:
        enum = pool.FindEnumTypeByName(f"kraken.enums.v1.{enum_name}")
        name = enum_options.FromString(enum.GetOptions().SerializeToString()).Extensions[graphql_name]
        found[name] = [value_options.FromString(v.GetOptions().SerializeToString()).Extensions[graphql_value] for v in enum.values if v.number]
    assert found == UPSTREAM
