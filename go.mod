module github.com/asyncgantt/asyncgantt

go 1.26.8
