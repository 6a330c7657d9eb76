// Package walltime helps tests that measure wall time tolerate a loaded
// machine without hiding a wrong clock.
//
// A real-clock run, or CPython compared with the model, is only as
// punctual as the machine: on a machine busy with other work, a sleeping
// thread wakes up tens or hundreds of milliseconds late, and a check with
// an idle machine's tolerance fails although nothing is wrong. Monitor
// measures that lateness while a measurement runs (a goroutine that
// sleeps a millisecond at a time and notes how late it wakes); Retry runs
// a measurement up to Attempts times, checking each with a tolerance that
// widens with the attempt and with the lateness measured during it. A
// check that fails on a punctual machine fails the test; one that fails
// only while the machine was measured to be late is skipped, with a
// message saying how late the machine was and what differed.
//
// It is for tests: it imports the standard library only, and no package
// of the module imports it outside its tests.
package walltime
