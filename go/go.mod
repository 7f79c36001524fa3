module github.com/kraken-proto/kraken-proto/go

go 1.18

require google.golang.org/protobuf v1.28.1
