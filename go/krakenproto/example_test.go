package krakenproto_test

import (
	"fmt"

	enumsv1 "github.com/kraken-proto/kraken-proto/go/kraken/enums/v1"
	"github.com/kraken-proto/kraken-proto/go/krakenproto"
)

// The example docs/languages.md shows; `go test` runs it and compares the output.
func Example() {
	m, err := krakenproto.Get("ReferralStatusChoices") // or "kraken.enums.v1.ReferralStatusChoices"
	if err != nil {
		panic(err)
	}
	s, _ := m.ToGraphQL(1)
	n, _ := m.FromGraphQL("Cancelled")
	_, err = m.FromGraphQL("CANCELLED")
	fmt.Println(s, n)
	fmt.Println(err)

	s, _ = krakenproto.ToGraphQL(enumsv1.AccountStatus_ACCOUNT_STATUS_ACTIVE)
	status, _ := krakenproto.FromGraphQL[enumsv1.AccountStatus]("ACTIVE")
	fmt.Println(s, status)
	// Output:
	// Cancelled 1
	// 'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'
	// ACTIVE ACCOUNT_STATUS_ACTIVE
}
