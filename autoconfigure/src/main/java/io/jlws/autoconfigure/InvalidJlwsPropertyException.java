package io.jlws.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code jlws.*} property has a value the core cannot use; the message names the property.
 */
public class InvalidJlwsPropertyException extends IllegalStateException {

	private final String property;

	private final @Nullable Object value;

	private final String reason;

	/**
	 * Creates the exception.
	 * @param property the canonical property name, e.g. {@code jlws.limits.max-frame-size}
	 * @param value the bound value
	 * @param reason what is wrong, completing "property ..." (e.g. {@code must be > 0})
	 */
	public InvalidJlwsPropertyException(String property, @Nullable Object value, String reason) {
		this(property, value, reason, null);
	}

	/**
	 * Creates the exception.
	 * @param property the canonical property name
	 * @param value the bound value
	 * @param reason what is wrong
	 * @param cause the core's complaint, if any
	 */
	public InvalidJlwsPropertyException(String property, @Nullable Object value, String reason,
			@Nullable Throwable cause) {
		super(property + " " + reason + " (was " + value + ")", cause);
		this.property = property;
		this.value = value;
		this.reason = reason;
	}

	/** The canonical property name. */
	public String getProperty() {
		return this.property;
	}

	/** The bound value. */
	public @Nullable Object getValue() {
		return this.value;
	}

	/** What is wrong with it. */
	public String getReason() {
		return this.reason;
	}

}
