/** The model server, registry and web UI (in progress). */
package dev.saraf.serve;
