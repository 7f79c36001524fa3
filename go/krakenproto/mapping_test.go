package krakenproto_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"

	enumsv1 "github.com/kraken-proto/kraken-proto/go/kraken/enums/v1"
	"github.com/kraken-proto/kraken-proto/go/krakenproto"
)

// vectors are the shared test vectors (gen/kraken-enums-vectors.json in the repository, written by
// `kraken-proto generate` from its contract, not from descriptors). KRAKEN_PROTO_VECTORS overrides
// the path; the module zip does not carry gen/, so outside a checkout the vector tests skip
// (tests/test_go.py runs them in a checkout and fails on a skip).
type vectors struct {
	Format  int    `json:"format"`
	Package string `json:"package"`
	Enums   []struct {
		GraphQLName string `json:"graphql_name"`
		FullName    string `json:"full_name"`
		Deprecated  bool   `json:"deprecated"`
		Values      []struct {
			Number       int32   `json:"number"`
			ProtoName    string  `json:"proto_name"`
			GraphQLValue *string `json:"graphql_value"`
			Deprecated   bool    `json:"deprecated"`
		} `json:"values"`
	} `json:"enums"`
}

func loadVectors(t *testing.T) vectors {
	path := os.Getenv("KRAKEN_PROTO_VECTORS")
	if path == "" {
		path = filepath.Join("..", "..", "gen", "kraken-enums-vectors.json")
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("no shared vectors at %s (they live in the repository's gen/)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestEveryVectorMapsBothWaysThroughTheValueOptions(t *testing.T) {
	v := loadVectors(t)
	if v.Format != 2 || v.Package != krakenproto.Package || len(v.Enums) != 74 {
		t.Fatalf("vectors: format %d, package %s, %d enums", v.Format, v.Package, len(v.Enums))
	}
	var names []string
	for _, e := range v.Enums {
		names = append(names, e.GraphQLName)
		m, err := krakenproto.Get(e.GraphQLName)
		if err != nil {
			t.Fatal(err)
		}
		if byFull, err := krakenproto.Get(e.FullName); err != nil || byFull != m {
			t.Errorf("%s: Get(full name) = %v, %v", e.FullName, byFull, err)
		}
		if m.GraphQLName() != e.GraphQLName || string(m.FullName()) != e.FullName || m.Deprecated() != e.Deprecated {
			t.Errorf("%s: enum facts %s %s %v", e.GraphQLName, m.GraphQLName(), m.FullName(), m.Deprecated())
		}
		if m.Descriptor().Values().Len() != len(e.Values) {
			t.Errorf("%s: %d values generated, %d in the vectors", e.GraphQLName, m.Descriptor().Values().Len(), len(e.Values))
		}
		var wantValues []string
		var wantNumbers []protoreflect.EnumNumber
		for _, value := range e.Values {
			n := protoreflect.EnumNumber(value.Number)
			if name, err := m.ProtoName(n); err != nil || name != value.ProtoName {
				t.Errorf("%s %d: ProtoName = %q, %v; want %q", e.GraphQLName, n, name, err, value.ProtoName)
			}
			if got, err := m.FromProtoName(value.ProtoName); err != nil || got != n {
				t.Errorf("%s %s: FromProtoName = %d, %v", e.GraphQLName, value.ProtoName, got, err)
			}
			if n == 0 {
				if value.GraphQLValue != nil {
					t.Errorf("%s: the zero value has a string in the vectors", e.GraphQLName)
				}
				if _, err := m.ToGraphQL(0); err == nil {
					t.Errorf("%s: ToGraphQL(0) did not fail", e.GraphQLName)
				}
				continue
			}
			if value.GraphQLValue == nil {
				t.Fatalf("%s %d: no string in the vectors", e.GraphQLName, n)
			}
			wantValues = append(wantValues, *value.GraphQLValue)
			wantNumbers = append(wantNumbers, n)
			if got, err := m.ToGraphQL(n); err != nil || got != *value.GraphQLValue {
				t.Errorf("%s %d: ToGraphQL = %q, %v; want %q", e.GraphQLName, n, got, err, *value.GraphQLValue)
			}
			if got, err := m.FromGraphQL(*value.GraphQLValue); err != nil || got != n {
				t.Errorf("%s %q: FromGraphQL = %d, %v; want %d", e.GraphQLName, *value.GraphQLValue, got, err, n)
			}
			if got, err := m.IsDeprecated(n); err != nil || got != value.Deprecated {
				t.Errorf("%s %d: IsDeprecated = %v, %v", e.GraphQLName, n, got, err)
			}
		}
		if !reflect.DeepEqual(m.GraphQLValues(), wantValues) || !reflect.DeepEqual(m.Numbers(), wantNumbers) {
			t.Errorf("%s: values %v numbers %v", e.GraphQLName, m.GraphQLValues(), m.Numbers())
		}
		past := wantNumbers[len(wantNumbers)-1] + 1
		if _, err := m.ToGraphQL(past); err == nil {
			t.Errorf("%s: ToGraphQL(%d) did not fail", e.GraphQLName, past)
		}
	}
	if got := krakenproto.EnumNames(); !reflect.DeepEqual(got, sorted(names)) {
		t.Errorf("EnumNames() = %v", got)
	}
}

func sorted(names []string) []string {
	out := append([]string{}, names...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// The messages below are kraken_proto's (tests/test_mapping_api.py, README), written out by hand.
func TestErrorsNameTheEnumAndTheInputLikePython(t *testing.T) {
	m, err := krakenproto.Get("ReferralStatusChoices")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		call func() error
		want string
	}{
		{func() error { _, err := m.FromGraphQL("CANCELLED"); return err }, "'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'"},
		{func() error { _, err := m.FromGraphQL("Pendin"); return err }, "'Pendin' is not a value of ReferralStatusChoices: not a documented string; closest: 'Pending'"},
		{func() error { _, err := m.FromGraphQL("xyz"); return err }, "'xyz' is not a value of ReferralStatusChoices: not a documented string"},
		{func() error { _, err := m.FromGraphQL("it's"); return err }, `"it's" is not a value of ReferralStatusChoices: not a documented string`},
		{func() error { _, err := m.FromGraphQL("a\tb\\"); return err }, `'a\tb\\' is not a value of ReferralStatusChoices: not a documented string`},
		{func() error { _, err := m.ToGraphQL(0); return err }, "0 is not a value of ReferralStatusChoices: 0 is the UNSPECIFIED value, which has no GraphQL string"},
		{func() error { _, err := m.ToGraphQL(1000); return err }, "1000 is not a value of ReferralStatusChoices: this version of kraken-proto knows numbers 1..3 (a newer producer may have added it)"},
		{func() error { _, err := m.IsDeprecated(-1); return err }, "-1 is not a value of ReferralStatusChoices: this version of kraken-proto knows numbers 1..3 (a newer producer may have added it)"},
		{func() error { _, err := m.FromProtoName("referral_status_choices_paid"); return err }, "'referral_status_choices_paid' is not a value of ReferralStatusChoices: no value has this proto name; closest: 'REFERRAL_STATUS_CHOICES_PAID', 'REFERRAL_STATUS_CHOICES_PENDING', 'REFERRAL_STATUS_CHOICES_UNSPECIFIED'"},
		{func() error { _, err := krakenproto.Get("accountstatus"); return err }, "'accountstatus' is not a Kraken enum (give a GraphQL name or a full proto name); did you mean 'AccountStatus'?"},
	}
	for _, c := range cases {
		err := c.call()
		if err == nil || err.Error() != c.want {
			t.Errorf("got %v\nwant %s", err, c.want)
		}
	}
	_, err = m.FromGraphQL("CANCELLED")
	var unknown *krakenproto.UnknownEnumValueError
	if !errors.As(err, &unknown) || unknown.Enum != "ReferralStatusChoices" || unknown.Input != "CANCELLED" {
		t.Errorf("not an *UnknownEnumValueError naming the enum and the input: %#v", err)
	}
}

func TestTypedHelpersWorkOnTheGeneratedEnums(t *testing.T) {
	s, err := krakenproto.ToGraphQL(enumsv1.ReferralStatusChoices_REFERRAL_STATUS_CHOICES_CANCELLED)
	if err != nil || s != "Cancelled" {
		t.Errorf("ToGraphQL = %q, %v", s, err)
	}
	v, err := krakenproto.FromGraphQL[enumsv1.ReferralStatusChoices]("Cancelled")
	if err != nil || v != enumsv1.ReferralStatusChoices_REFERRAL_STATUS_CHOICES_CANCELLED {
		t.Errorf("FromGraphQL = %v, %v", v, err)
	}
	if _, err := krakenproto.FromGraphQL[enumsv1.ReferralStatusChoices]("CANCELLED"); err == nil {
		t.Error("FromGraphQL accepted the wrong case")
	}
}
