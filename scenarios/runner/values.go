package runner

// value is a Python value of a run (see pyvalue.go).
type value = any

// unboundT marks a local variable not bound yet.
type unboundT struct{}

var unbound value = unboundT{}
