"""Attachments: files and links on any object, kept on local disk or in S3-compatible storage."""
