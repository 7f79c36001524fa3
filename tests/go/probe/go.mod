module kraken-proto-probe

go 1.18
