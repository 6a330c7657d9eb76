// Package testtrace builds the hand-made traces that the tests and
// benchmarks of render and its backends draw: small ones with every state,
// lane kind and outcome, and large synthetic ones.
//
// It is for tests only. It knows traces, and imports trace alone.
package testtrace
