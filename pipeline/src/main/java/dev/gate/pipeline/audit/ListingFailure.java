package dev.gate.pipeline.audit;

/** A repository whose tags could not be listed (the registry refused or failed): reported, and the audit went on. */
public record ListingFailure(String repository, String error) {}
