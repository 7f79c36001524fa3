module github.com/golang/protobuf

go 1.9

require (
	github.com/google/go-cmp v0.5.5
	google.golang.org/protobuf v1.26.0-rc.1
)
