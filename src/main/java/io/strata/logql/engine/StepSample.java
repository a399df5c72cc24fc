package io.strata.logql.engine;

import io.strata.model.Labels;

/** One sample of an instant vector while a metric expression is evaluated at one step. */
record StepSample(Labels labels, double value) {}
