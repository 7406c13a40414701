module llmtwin/tests/server

go 1.19
