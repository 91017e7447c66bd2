/** saraf train (in progress). */
package dev.saraf.train;
