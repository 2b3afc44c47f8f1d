"""Timeline maths: viewport, lanes, level of detail, ticks. No Qt."""
