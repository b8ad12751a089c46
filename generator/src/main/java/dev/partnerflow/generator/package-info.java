/**
 * "Generate with AI": a Draft workflow from a plain-language description. {@link
 * dev.partnerflow.generator.WorkflowGenerator#ruleBased} works offline; the {@code partnerflow-generator-langchain4j}
 * module adds a model-backed generator that falls back to it.
 */
package dev.partnerflow.generator;
