"""Other formats of a built material (Accessible Information Standard): text, braille, SMS."""
