module github.com/orkestra-example/postgres-operator

go 1.22

toolchain go1.22.5

require (
	github.com/orkspace/orkestra v0.7.6
	k8s.io/api v0.30.2
	k8s.io/apimachinery v0.30.2
)
