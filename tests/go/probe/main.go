// The Go side of the cross-language differential (tests/test_go.py): reads [[enum, op, arg], ...] as
// JSON from the file named by its argument, runs each call through the krakenproto helper and prints
// [["ok", result] or ["UnknownEnumValueError", message], ...] as JSON, like the TypeScript probe.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/kraken-proto/kraken-proto/go/krakenproto"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var inputs [][3]any
	if err := json.Unmarshal(data, &inputs); err != nil {
		panic(err)
	}
	out := make([][2]any, 0, len(inputs))
	for _, in := range inputs {
		m, err := krakenproto.Get(in[0].(string))
		if err != nil {
			panic(err)
		}
		var result any
		switch in[1] {
		case "fromGraphQL":
			result, err = m.FromGraphQL(in[2].(string))
		case "fromProtoName":
			result, err = m.FromProtoName(in[2].(string))
		case "toGraphQL":
			result, err = m.ToGraphQL(protoreflect.EnumNumber(in[2].(float64)))
		case "isDeprecated":
			result, err = m.IsDeprecated(protoreflect.EnumNumber(in[2].(float64)))
		default:
			panic(fmt.Sprint("unknown op ", in[1]))
		}
		var unknown *krakenproto.UnknownEnumValueError
		switch {
		case err == nil:
			out = append(out, [2]any{"ok", result})
		case errors.As(err, &unknown):
			out = append(out, [2]any{"UnknownEnumValueError", err.Error()})
		default:
			out = append(out, [2]any{"error", err.Error()})
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
