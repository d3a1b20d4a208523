/** The Engine API's JSON shapes as records, with Docker's field names, and API versions; shared by api and client. */
package dev.barge.engineapi;
