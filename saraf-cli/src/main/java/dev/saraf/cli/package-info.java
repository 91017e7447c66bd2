/** saraf cli (in progress). */
package dev.saraf.cli;
