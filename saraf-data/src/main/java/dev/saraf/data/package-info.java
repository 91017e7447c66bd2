/** saraf data (in progress). */
package dev.saraf.data;
