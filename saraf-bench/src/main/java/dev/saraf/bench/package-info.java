/**
 * Benchmarks of saraf's kernels (JMH) and the yardsticks they are measured against, such as
 * OpenBLAS through the JDK's foreign-function API. Never a runtime dependency of the library.
 */
package dev.saraf.bench;
