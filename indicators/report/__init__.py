"""The report: notebooks executed headless into HTML pages, and the README's generated
sections. Brings nbclient and nbconvert."""
