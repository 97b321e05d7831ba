"""Meeting pages: the public record, and the officers' and chair's screens to run a meeting, one
module for each step of its cycle: the meeting itself and the home page (`meeting`), the agenda
(`agenda`), who attended and declarations (`attendance`), the minutes and their approval
(`minutes`), and the forward plan (`plan`). Each view that changes the record calls its service
through `_confirm.attempt`."""
