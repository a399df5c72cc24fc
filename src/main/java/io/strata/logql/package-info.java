/**
 * LogQL: lexer, parser, immutable AST, printer, log pipeline stages, sample extraction and metric evaluation. Pure Java: no I/O, no framework; depends only on model.
 */
package io.strata.logql;
