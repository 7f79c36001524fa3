// Package krakenproto maps the Kraken enums' proto numbers to and from their documented GraphQL
// values, reading the graphql_value / graphql_name options from the descriptors that protoc-gen-go
// generated into ../kraken/enums/v1 (proto.GetExtension on the value options): the Go twin of the
// Python package kraken_proto and the npm package kraken-proto, with the same rules and the same
// error messages.
//
//	m, err := krakenproto.Get("ReferralStatusChoices")     // or "kraken.enums.v1.ReferralStatusChoices"
//	s, err := m.ToGraphQL(1)                              // "Cancelled"
//	n, err := m.FromGraphQL("Cancelled")                  // 1
//	_, err = m.FromGraphQL("CANCELLED")                   // *UnknownEnumValueError: 'CANCELLED' is not a value of
//	                                                      // ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'
//	s, err = krakenproto.ToGraphQL(enumsv1.ReferralStatusChoices_REFERRAL_STATUS_CHOICES_CANCELLED)
//	v, err := krakenproto.FromGraphQL[enumsv1.ReferralStatusChoices]("Cancelled")
package krakenproto

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"

	enumsv1 "github.com/kraken-proto/kraken-proto/go/kraken/enums/v1"
)

// Package is the proto package of every Kraken enum.
const Package = "kraken.enums.v1"

// UnknownEnumValueError is a GraphQL value, number or proto name that is not a value of the enum it
// was given for: the zero value (*_UNSPECIFIED, which has no GraphQL value), a number a newer
// producer added, or a string that is not documented (matching is exact and case-sensitive).
type UnknownEnumValueError struct {
	Enum        string // the enum's GraphQL name
	Input       any    // the string or the protoreflect.EnumNumber given
	Reason      string
	Suggestions []string // the closest documented values (or proto names), best first
}

func (e *UnknownEnumValueError) Error() string {
	return fmt.Sprintf("%s is not a value of %s: %s%s", reprAny(e.Input), e.Enum, e.Reason, hint("; closest: ", e.Suggestions))
}

// UnknownEnumError is a name given to Get that names none of the Kraken enums.
type UnknownEnumError struct {
	Input       string
	Suggestions []string
}

func (e *UnknownEnumError) Error() string {
	return fmt.Sprintf("%s is not a Kraken enum (give a GraphQL name or a full proto name)%s", pyRepr(e.Input), questionHint(e.Suggestions))
}

// Value is everything the contract says about one non-zero value.
type Value struct {
	Number            protoreflect.EnumNumber
	ProtoName         string
	GraphQLValue      string
	Description       string
	Deprecated        bool
	DeprecationReason string
}

// Mapping is one Kraken enum's two-way mapping; build it once (Get, Of) and keep it.
type Mapping struct {
	descriptor  protoreflect.EnumDescriptor
	graphqlName string
	deprecated  bool
	values      []Value // in number order
	byNumber    map[protoreflect.EnumNumber]int
	byGraphQL   map[string]protoreflect.EnumNumber
	byProtoName map[string]protoreflect.EnumNumber
	graphql     []string
	zeroName    string
}

func newMapping(d protoreflect.EnumDescriptor) (*Mapping, error) {
	m := &Mapping{
		descriptor:  d,
		graphqlName: string(d.Name()),
		byNumber:    map[protoreflect.EnumNumber]int{},
		byGraphQL:   map[string]protoreflect.EnumNumber{},
		byProtoName: map[string]protoreflect.EnumNumber{},
	}
	if options, ok := d.Options().(*descriptorpb.EnumOptions); ok && options != nil {
		if name := proto.GetExtension(options, enumsv1.E_GraphqlName).(string); name != "" {
			m.graphqlName = name
		}
		m.deprecated = options.GetDeprecated()
	}
	zero := false
	for i := 0; i < d.Values().Len(); i++ {
		v := d.Values().Get(i)
		m.byProtoName[string(v.Name())] = v.Number()
		if v.Number() == 0 {
			m.zeroName, zero = string(v.Name()), true
			continue
		}
		options, _ := v.Options().(*descriptorpb.EnumValueOptions)
		graphql := ""
		if options != nil {
			graphql = proto.GetExtension(options, enumsv1.E_GraphqlValue).(string)
		}
		if graphql == "" {
			return nil, fmt.Errorf("%s.%s has no graphql_value option: the generated code is not from kraken-proto generate", d.FullName(), v.Name())
		}
		m.values = append(m.values, Value{
			Number:            v.Number(),
			ProtoName:         string(v.Name()),
			GraphQLValue:      graphql,
			Description:       proto.GetExtension(options, enumsv1.E_GraphqlValueDescription).(string),
			Deprecated:        options.GetDeprecated(),
			DeprecationReason: proto.GetExtension(options, enumsv1.E_GraphqlDeprecationReason).(string),
		})
		m.byGraphQL[graphql] = v.Number()
	}
	if !zero {
		return nil, fmt.Errorf("%s has no zero value: the generated code is not from kraken-proto generate", d.FullName())
	}
	sort.Slice(m.values, func(i, j int) bool { return m.values[i].Number < m.values[j].Number })
	for i, v := range m.values {
		m.byNumber[v.Number] = i
		m.graphql = append(m.graphql, v.GraphQLValue)
	}
	return m, nil
}

// GraphQLName is the enum's name in the GraphQL schema (AccountStatus).
func (m *Mapping) GraphQLName() string { return m.graphqlName }

// FullName is the enum's full proto name (kraken.enums.v1.AccountStatus).
func (m *Mapping) FullName() protoreflect.FullName { return m.descriptor.FullName() }

// Deprecated says whether the whole enum is deprecated.
func (m *Mapping) Deprecated() bool { return m.deprecated }

// Descriptor is the generated enum's descriptor.
func (m *Mapping) Descriptor() protoreflect.EnumDescriptor { return m.descriptor }

// ToGraphQL is the documented GraphQL value of number (Python: to_string). 0 and numbers this
// version does not know give an *UnknownEnumValueError.
func (m *Mapping) ToGraphQL(number protoreflect.EnumNumber) (string, error) {
	v, err := m.value(number)
	if err != nil {
		return "", err
	}
	return v.GraphQLValue, nil
}

// FromGraphQL is the number of a documented GraphQL value (Python: from_string): exact and
// case-sensitive; anything else gives an *UnknownEnumValueError naming the closest values.
func (m *Mapping) FromGraphQL(text string) (protoreflect.EnumNumber, error) {
	if number, ok := m.byGraphQL[text]; ok {
		return number, nil
	}
	wanted := casefold(pyStrip(text))
	var folded []string
	for _, s := range m.graphql {
		if casefold(s) == wanted {
			folded = append(folded, s)
		}
	}
	close := append([]string{}, folded...)
	for _, s := range getCloseMatches(text, m.graphql, 3, 0.6) {
		if !contains(folded, s) {
			close = append(close, s)
		}
	}
	if len(close) > 3 {
		close = close[:3]
	}
	reason := "not a documented string"
	if len(folded) > 0 {
		reason = "strings are exact and case-sensitive"
	}
	return 0, &UnknownEnumValueError{Enum: m.graphqlName, Input: text, Reason: reason, Suggestions: close}
}

// ProtoName is the proto value name of number; 0 gives the *_UNSPECIFIED name.
func (m *Mapping) ProtoName(number protoreflect.EnumNumber) (string, error) {
	if number == 0 {
		return m.zeroName, nil
	}
	v, err := m.value(number)
	if err != nil {
		return "", err
	}
	return v.ProtoName, nil
}

// FromProtoName is the number of a proto value name, *_UNSPECIFIED (0) included.
func (m *Mapping) FromProtoName(name string) (protoreflect.EnumNumber, error) {
	if number, ok := m.byProtoName[name]; ok {
		return number, nil
	}
	names := make([]string, 0, len(m.byProtoName))
	for n := range m.byProtoName {
		names = append(names, n)
	}
	return 0, &UnknownEnumValueError{Enum: m.graphqlName, Input: name, Reason: "no value has this proto name", Suggestions: getCloseMatches(pyUpper(name), names, 3, 0.6)}
}

// IsDeprecated says whether the value is deprecated (still converted, so that old events decode).
func (m *Mapping) IsDeprecated(number protoreflect.EnumNumber) (bool, error) {
	v, err := m.value(number)
	if err != nil {
		return false, err
	}
	return v.Deprecated, nil
}

// Description is upstream's description of the value.
func (m *Mapping) Description(number protoreflect.EnumNumber) (string, error) {
	v, err := m.value(number)
	if err != nil {
		return "", err
	}
	return v.Description, nil
}

// GraphQLValues are every documented GraphQL value, in number order (deprecated ones included).
func (m *Mapping) GraphQLValues() []string { return append([]string{}, m.graphql...) }

// Numbers are every non-zero number, in order.
func (m *Mapping) Numbers() []protoreflect.EnumNumber {
	out := make([]protoreflect.EnumNumber, len(m.values))
	for i, v := range m.values {
		out[i] = v.Number
	}
	return out
}

// Values are every non-zero value, in number order.
func (m *Mapping) Values() []Value { return append([]Value{}, m.values...) }

func (m *Mapping) value(number protoreflect.EnumNumber) (Value, error) {
	if i, ok := m.byNumber[number]; ok {
		return m.values[i], nil
	}
	if number == 0 {
		return Value{}, &UnknownEnumValueError{Enum: m.graphqlName, Input: number, Reason: "0 is the UNSPECIFIED value, which has no GraphQL string"}
	}
	span := "none"
	if len(m.values) > 0 {
		span = fmt.Sprintf("%d..%d", m.values[0].Number, m.values[len(m.values)-1].Number)
	}
	return Value{}, &UnknownEnumValueError{Enum: m.graphqlName, Input: number, Reason: fmt.Sprintf("this version of kraken-proto knows numbers %s (a newer producer may have added it)", span)}
}

// The registry: every enum of package kraken.enums.v1 that the generated package registered.
var registry struct {
	once   sync.Once
	err    error
	names  []string // GraphQL names, sorted
	lookup map[string]*Mapping
	byDesc sync.Map // protoreflect.FullName -> *Mapping, for Of
}

func load() error {
	registry.once.Do(func() {
		registry.lookup = map[string]*Mapping{}
		protoregistry.GlobalFiles.RangeFilesByPackage(Package, func(file protoreflect.FileDescriptor) bool {
			for i := 0; i < file.Enums().Len(); i++ {
				m, err := newMapping(file.Enums().Get(i))
				if err != nil {
					registry.err = err
					return false
				}
				registry.lookup[m.graphqlName] = m
				registry.lookup[string(m.FullName())] = m
				registry.byDesc.Store(m.FullName(), m)
				registry.names = append(registry.names, m.graphqlName)
			}
			return true
		})
		sort.Strings(registry.names)
	})
	return registry.err
}

// EnumNames are the GraphQL names of every Kraken enum, sorted.
func EnumNames() []string {
	if err := load(); err != nil {
		panic(err)
	}
	return append([]string{}, registry.names...)
}

// Get is the mapping of the enum with this GraphQL name (AccountStatus) or full proto name
// (kraken.enums.v1.AccountStatus); any other name gives an *UnknownEnumError with the closest names.
func Get(name string) (*Mapping, error) {
	if err := load(); err != nil {
		return nil, err
	}
	if m, ok := registry.lookup[name]; ok {
		return m, nil
	}
	var suggestions []string
	if name != "" {
		folded := casefold(name)
		for _, n := range registry.names {
			if strings.Contains(casefold(n), folded) {
				suggestions = append(suggestions, n)
			}
		}
		candidates := append([]string{}, registry.names...)
		for _, n := range registry.names {
			candidates = append(candidates, string(registry.lookup[n].FullName()))
		}
		for _, n := range getCloseMatches(name, candidates, 3, 0.6) {
			if !contains(suggestions, n) {
				suggestions = append(suggestions, n)
			}
		}
	}
	if len(suggestions) > 3 {
		suggestions = suggestions[:3]
	}
	return nil, &UnknownEnumError{Input: name, Suggestions: suggestions}
}

// Of is the mapping of a generated enum's descriptor (enumsv1.AccountStatus(0).Descriptor()), or of
// an enum with the same options from another descriptor pool.
func Of(d protoreflect.EnumDescriptor) (*Mapping, error) {
	if err := load(); err != nil {
		return nil, err
	}
	if m, ok := registry.byDesc.Load(d.FullName()); ok && m.(*Mapping).descriptor == d {
		return m.(*Mapping), nil
	}
	return newMapping(d)
}

// ToGraphQL is the documented GraphQL value of a generated enum value
// (enumsv1.AccountStatus_ACCOUNT_STATUS_ACTIVE gives "ACTIVE").
func ToGraphQL(value protoreflect.Enum) (string, error) {
	m, err := Of(value.Descriptor())
	if err != nil {
		return "", err
	}
	return m.ToGraphQL(value.Number())
}

// FromGraphQL is the generated enum value E of a documented GraphQL value:
// krakenproto.FromGraphQL[enumsv1.AccountStatus]("ACTIVE").
func FromGraphQL[E protoreflect.Enum](text string) (E, error) {
	var zero E
	m, err := Of(zero.Descriptor())
	if err != nil {
		return zero, err
	}
	number, err := m.FromGraphQL(text)
	if err != nil {
		return zero, err
	}
	return zero.Type().New(number).(E), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hint(prefix string, suggestions []string) string {
	if len(suggestions) == 0 {
		return ""
	}
	quoted := make([]string, len(suggestions))
	for i, s := range suggestions {
		quoted[i] = pyRepr(s)
	}
	return prefix + strings.Join(quoted, ", ")
}

func questionHint(suggestions []string) string {
	if len(suggestions) == 0 {
		return ""
	}
	return hint("; did you mean ", suggestions) + "?"
}

func reprAny(input any) string {
	switch v := input.(type) {
	case string:
		return pyRepr(v)
	default:
		return fmt.Sprint(v)
	}
}
