/**
 * Training jobs of the model server: submitted over the API, run by a worker pool with saraf's
 * {@link dev.saraf.train.Trainer}, followed through server-sent events, registered as new model
 * versions; recorded in a jobs table so that they survive a restart; uploaded data sets.
 */
package dev.saraf.serve.jobs;
