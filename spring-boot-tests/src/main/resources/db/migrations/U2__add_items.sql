delete from item where name in ('apple', 'pear');
